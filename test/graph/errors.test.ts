import { strict as assert } from 'node:assert';
import { GraphError, GraphClientError } from '@microsoft/microsoft-graph-client';
import { BotError, isBotError } from '../../src/errors';
import { graphErrorFromBody, translateGraphError } from '../../adapters/graph/errors';
import { nextDelay, retryAfterMs, DEFAULT_RETRY } from '../../adapters/graph/retry';
import { splitBaseUrl } from '../../adapters/graph/client';

function graphError(status: number, code: string, message: string): GraphError {
  return graphErrorFromBody(status, { error: { code, message } });
}

function translated(error: unknown, ctx = {}): BotError {
  const out = translateGraphError(error, ctx);
  assert.ok(isBotError(out), `expected a BotError, got ${String(out)}`);
  return out;
}

describe('graph error translation', () => {
  it('recognises the access-policy 403 however Graph codes it', () => {
    for (const code of ['Forbidden', 'General']) {
      const e = translated(graphError(403, code, 'No application access policy found for this app'), { userName: 'Alice', appId: 'app-1' });
      assert.equal(e.code, 'graph_access_policy');
      assert.deepEqual(e.params, { name: 'Alice', appId: 'app-1' });
    }
    const old = translated(graphError(403, 'Unauthorized', 'App app-1 is not authorized to Create meeting on behalf of user u-1'));
    assert.equal(old.code, 'graph_access_policy');
  });

  it('maps statuses to codes with the parameters the messages use', () => {
    assert.deepEqual(translated(graphError(404, 'NotFound', 'x'), { meetingId: 'm1' }).params, { id: 'm1' });
    assert.equal(translated(graphError(404, 'Request_ResourceNotFound', 'x'), { userName: 'Bob' }).code, 'user_not_found');
    assert.equal(translated(graphError(401, 'InvalidAuthenticationToken', 'x')).code, 'graph_auth_failed');
    assert.equal(translated(graphError(429, 'TooManyRequests', 'x')).code, 'graph_busy');
    assert.equal(translated(graphError(503, 'serviceNotAvailable', 'x')).code, 'graph_unavailable');
    assert.equal(translated(graphError(500, 'InternalServerError', 'x')).code, 'graph_unavailable');
    assert.equal(translated(graphError(504, 'GatewayTimeout', 'x')).code, 'graph_timeout');
    const long = translated(graphError(400, 'BadRequest', `  1026:   ${'x'.repeat(500)} `));
    assert.equal(long.code, 'graph_bad_request');
    assert.ok(String(long.params.detail).startsWith('1026: x'));
    assert.ok(String(long.params.detail).length <= 200);
  });

  it('maps transport failures the SDK wraps, and credential failures', () => {
    const wrap = (name: string) => Object.assign(new GraphError(-1, 'boom'), { code: name });
    assert.equal(translated(wrap('TimeoutError')).code, 'graph_timeout');
    assert.equal(translated(wrap('AbortError')).code, 'graph_timeout');
    assert.equal(translated(wrap('TypeError')).code, 'graph_unavailable');
    assert.equal(translated(wrap('CredentialUnavailableError')).code, 'graph_auth_failed');
    assert.equal(translated(new TypeError('fetch failed')).code, 'graph_unavailable');
  });

  it('leaves programming errors alone so they are logged as bugs', () => {
    const bug = new GraphClientError('misuse');
    assert.equal(translateGraphError(bug), bug);
    const other = new RangeError('oops');
    assert.equal(translateGraphError(other), other);
  });
});

describe('graph retry policy', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs('0', now), 0);
    assert.equal(retryAfterMs('Tue, 01 Jan 2030 00:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });

  it('stops at the attempt limit and at the time budget', () => {
    assert.equal(nextDelay(DEFAULT_RETRY, 1, 0, 2000), 2000);
    assert.equal(nextDelay(DEFAULT_RETRY, DEFAULT_RETRY.maxAttempts, 0, 0), undefined);
    assert.equal(nextDelay(DEFAULT_RETRY, 1, 29_000, 2000), undefined);
    assert.equal(nextDelay(DEFAULT_RETRY, 1, 0, 60_000), undefined);
    const backoff = nextDelay(DEFAULT_RETRY, 2, 0, undefined);
    assert.ok(backoff !== undefined && backoff >= 1000 && backoff <= 1200);
  });
});

describe('graph base URL', () => {
  it('splits the version off so the SDK can join root + version + path', () => {
    assert.deepEqual(splitBaseUrl('https://graph.microsoft.com/v1.0'), { root: 'https://graph.microsoft.com', version: 'v1.0' });
    assert.deepEqual(splitBaseUrl('http://127.0.0.1:4000/local/graph/v1.0/'), { root: 'http://127.0.0.1:4000/local/graph', version: 'v1.0' });
    assert.deepEqual(splitBaseUrl('https://graph.microsoft.com/beta'), { root: 'https://graph.microsoft.com', version: 'beta' });
    assert.deepEqual(splitBaseUrl('http://localhost:8080/graph'), { root: 'http://localhost:8080/graph', version: '' });
  });
});
