// Structured JSON logs (pino) that never carry a secret: known secret fields are redacted by path, and every
// secret value from the configuration or the environment is masked in the final line, wherever it appears.
import pino from 'pino';
import type { Config, Env } from '../config';

/** The server's logger: pino's, so it also satisfies the core's Logger port. */
export type ServerLogger = pino.Logger;

const REDACT_PATHS = [
  'authorization', 'req.headers.authorization', 'headers.authorization', '*.authorization', '*.Authorization',
  'cookie', 'headers.cookie', '*.cookie', 'password', '*.password', 'token', '*.token', 'accessToken', '*.accessToken',
  'clientSecret', '*.clientSecret', 'signingSecret', '*.signingSecret', 'botToken', '*.botToken', 'appToken', '*.appToken',
  'appPassword', '*.appPassword', 'secret', '*.secret', 'clientState', '*.clientState',
];

const SECRET_ENV_NAME = /(SECRET|PASSWORD|TOKEN|CREDENTIAL|PRIVATE|API_KEY)/i;

function passwordOf(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/** Every secret value the process knows: configured credentials, the database password, secret-looking env vars. */
export function secretValues(config: Config | undefined, env: Env = {}): string[] {
  const values: Array<string | undefined> = [];
  if (config) {
    values.push(config.teams?.appPassword, config.slack?.signingSecret, config.slack?.botToken, config.slack?.appToken);
    if (config.graph.kind === 'remote' && config.graph.auth.kind === 'secret') values.push(config.graph.auth.clientSecret);
    if (config.database.kind === 'postgres') values.push(passwordOf(config.database.url));
  }
  for (const [name, value] of Object.entries(env)) {
    if (SECRET_ENV_NAME.test(name)) values.push(value);
    if (name === 'DATABASE_URL' && value) values.push(passwordOf(value));
  }
  // Very short values would mask ordinary words; real secrets are long.
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim().length >= 6))].sort((a, b) => b.length - a.length);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Options for the server logger. */
export interface LoggerOptions {
  readonly level?: string;
  readonly secrets?: readonly string[];
  /** Where lines go (default stdout); tests pass a stream to read them. */
  readonly destination?: pino.DestinationStream;
}

/** A pino logger with secret redaction; one JSON object per line. */
export function createLogger(options: LoggerOptions = {}): ServerLogger {
  const secrets = (options.secrets ?? []).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  const mask = secrets.length ? new RegExp([...new Set(secrets)].map(escapeRegExp).join('|'), 'g') : undefined;
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'meetbot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: mask ? { streamWrite: (line: string) => line.replace(mask, '[redacted]') } : {},
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
