// The few lines `meetbot serve` prints at start: where to go, what is connected, where data lives.
import type { Config } from '../config';
import { LOCAL_GRAPH_PATH } from './backend';

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

/** The start banner for a server listening at `url`. */
export function banner(config: Config, url: string): string {
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
    `  Data        ${databaseText(config)}`,
    `  Operations  ${url}/healthz  ${url}/readyz  ${url}/metrics`,
    '',
    '  Press Ctrl+C to stop.',
    '',
  ];
  return lines.join('\n');
}
