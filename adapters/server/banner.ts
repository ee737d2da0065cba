// The few lines `meetbot serve` prints at start: where to go, what is connected, where data lives.
import type { Config } from '../config';
import { LOCAL_GRAPH_PATH } from './backend';
import { isLoopbackAddress } from './local-access';

function databaseText(config: Config): string {
  if (config.database.kind === 'sqlite') return `SQLite at ${config.database.path}`;
  try {
    const url = new URL(config.database.url);
    // Never the password: host, port and database name only.
    return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname.length > 1 ? url.pathname : ''}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Who reaches the local surfaces, in one line; undefined with Microsoft Graph (there are none). */
function localText(config: Config, url: string, loginPath: string | undefined): string | undefined {
  if (config.graph.kind !== 'local') return undefined;
  const onlyHere = config.host === 'localhost' || isLoopbackAddress(config.host);
  if (loginPath) return `open beyond this machine to holders of MEETBOT_LOCAL_TOKEN; one-time login link ${config.publicUrl ?? url}${loginPath}`;
  if (onlyHere) return 'playground, meeting service and join pages on this machine only';
  return `playground, meeting service and join pages answer this machine only; other machines reach only /api/messages${config.slack ? ', /slack/events' : ''}, /api/graph/notifications and the operations endpoints (MEETBOT_LOCAL_EXPOSE=true with MEETBOT_LOCAL_TOKEN opens them)`;
}

/** The start banner for a server listening at `url`; `loginPath` is the one-time login link when the local surfaces are exposed. */
export function banner(config: Config, url: string, loginPath?: string): string {
  const local = localText(config, url, loginPath);
  const teams = config.teams
    ? `authenticated as app ${config.teams.appId} (POST ${url}/api/messages)`
    : `local-only, unauthenticated (POST ${url}/api/messages; set MICROSOFT_APP_ID to connect Teams)`;
  const slack = !config.slack
    ? 'off (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to connect Slack)'
    : config.slack.appToken
      ? 'Socket Mode (no public URL needed)'
      : `HTTP (Request URL ${config.publicUrl ?? url}/slack/events)`;
  const meetings =
    config.graph.kind === 'local'
      ? `local Graph-compatible service at ${url}${LOCAL_GRAPH_PATH} (join pages under ${url}/local/meetings/)`
      : `Microsoft Graph at ${config.graph.baseUrl}`;
  const lines = [
    '',
    `  meetbot is running at ${url}`,
    '',
    ...(config.graph.kind === 'local' ? [`  Playground  ${url}/   <- open this in a browser and type /meet now Demo @bob`] : []),
    `  Teams       ${teams}`,
    `  Slack       ${slack}`,
    `  Meetings    ${meetings}`,
    ...(local ? [`  Exposure    ${local}`] : []),
    `  Data        ${databaseText(config)}`,
    `  Jobs        ${config.database.kind === 'postgres' ? 'pg-boss in the same PostgreSQL (several instances may share it)' : 'a queue in the same SQLite file (one instance only)'}; lease ${config.jobs.leaseSeconds} s`,
    `  Operations  ${url}/healthz  ${url}/readyz  ${url}/metrics`,
    '',
    '  Press Ctrl+C to stop.',
    '',
  ];
  return lines.join('\n');
}
