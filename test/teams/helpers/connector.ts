// A fake Bot Connector service: records what the bot posts, updates and looks up, over real HTTP.
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** replyToId for POSTs, the activity id for PUTs. */
  readonly activityId?: string;
  readonly activity: Record<string, unknown>;
  readonly authorization?: string;
}

/** A member the fake answers look-ups for. */
export interface FakeMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
}

/** The running fake. */
export interface FakeConnector {
  readonly url: string;
  readonly calls: ConnectorCall[];
  readonly lookups: string[];
  /** Members by Teams user id. */
  readonly members: Map<string, FakeMember>;
  /** Make member look-ups fail with this status. */
  failLookups?: number;
  /** Told each POST or PUT once recorded: `'hang'` never answers it (its caller is killed); a promise holds the answer. */
  beforeReply?: (call: ConnectorCall) => void | 'hang' | Promise<void>;
  /** Told each POST or PUT once its answer has been written. */
  afterReply?: (call: ConnectorCall) => void;
  messages(): ConnectorCall[];
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startFakeConnector(members: readonly FakeMember[] = []): Promise<FakeConnector> {
  const app = express();
  app.use(express.json());
  let next = 1;
  const state: FakeConnector = {
    url: '',
    calls: [],
    lookups: [],
    members: new Map(members.map((m) => [m.id, m])),
    messages: () => state.calls.filter((c) => c.activity.type === 'message'),
    close: async () => undefined,
  };
  const record = (method: 'POST' | 'PUT') => async (req: express.Request, res: express.Response) => {
    const params = req.params as Record<string, string>;
    const activityId = params.id;
    const call: ConnectorCall = {
      method,
      conversationId: params.conv ?? '',
      ...(activityId ? { activityId } : {}),
      activity: req.body as Record<string, unknown>,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    state.calls.push(call);
    const held = state.beforeReply?.(call);
    if (held === 'hang') return;
    if (held) await held;
    res.on('finish', () => state.afterReply?.(call));
    res.status(method === 'POST' ? 201 : 200).json({ id: method === 'PUT' ? activityId : `msg-${next++}` });
  };
  app.post('/v3/conversations/:conv/activities', record('POST'));
  app.post('/v3/conversations/:conv/activities/:id', record('POST'));
  app.put('/v3/conversations/:conv/activities/:id', record('PUT'));
  app.get('/v3/conversations/:conv/members/:user', (req, res) => {
    const user = String(req.params.user);
    state.lookups.push(user);
    if (state.failLookups) {
      res.status(state.failLookups).json({ error: { code: 'ServiceError', message: 'Unavailable' } });
      return;
    }
    const member = state.members.get(user);
    if (!member) {
      res.status(404).json({ error: { code: 'MemberNotFoundInConversation', message: 'The member could not be found in the conversation.' } });
      return;
    }
    res.json({ ...member, givenName: member.name.split(' ')[0], tenantId: 'tenant-1', userRole: 'user' });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
