// Configuration from the environment, validated once at start with one clear message per wrong or missing value.
import { isIP } from 'node:net';
import type { BotConfig } from '../src/bot-api';
import { isValidTimeZone } from '../src/bot-api';

export type * from './config-types';
import type { Config, CoreSettings, DatabaseConfig, Env, GraphConfig, JobsConfig, SlackConfig, TeamsConfig } from './config-types';

/** A whole-number setting within bounds; an error line otherwise. */
function wholeNumber(get: (name: string) => string | undefined, name: string, fallback: number, min: number, max: number, errors: string[]): number {
  const text = get(name);
  const value = Number(text ?? fallback);
  if (!Number.isInteger(value) || value < min || value > max) errors.push(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}


const GRAPH_DEFAULT_BASE = 'https://graph.microsoft.com/v1.0';

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** A setting that is wrong in a way only found while starting (a file it names, a spec it holds); says which one. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${variable}: ${problem}`, options);
  }
}

/** A variable's value, trimmed; empty counts as unset. */
function reader(env: Env): (name: string) => string | undefined {
  return (name) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
}


/** MEETBOT_DEFAULT_DURATION and MEETBOT_TIME_ZONE, checked; on failure, one line per wrong value naming it. */
export function loadCoreSettings(env: Env): { ok: true; settings: CoreSettings } | { ok: false; errors: string[] } {
  const get = reader(env);
  const errors: string[] = [];
  const durationText = get('MEETBOT_DEFAULT_DURATION') ?? '30';
  const duration = Number(durationText);
  if (!/^\d+$/.test(durationText) || duration < 1 || duration > 1440) errors.push(`MEETBOT_DEFAULT_DURATION must be minutes from 1 to 1440, got "${durationText}"`);
  const defaultTimeZone = get('MEETBOT_TIME_ZONE') ?? 'UTC';
  if (!isValidTimeZone(defaultTimeZone)) errors.push(`MEETBOT_TIME_ZONE must be an IANA time zone such as Europe/Berlin, got "${defaultTimeZone}"`);
  const eodText = get('MEETBOT_END_OF_DAY') ?? '17:00';
  const eod = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(eodText);
  if (!eod) errors.push(`MEETBOT_END_OF_DAY must be a time of day as HH:MM, such as 17:00 or 18:30, got "${eodText}"`);
  const endOfDay = { hour: Number(eod?.[1] ?? 17), minute: Number(eod?.[2] ?? 0) };
  return errors.length ? { ok: false, errors } : { ok: true, settings: { defaultDurationMinutes: duration, defaultTimeZone, endOfDay } };
}

/** Reads and validates the configuration; on failure, every problem as one line naming the variable. */
export function loadConfig(env: Env): { ok: true; config: Config } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const get = reader(env);
  const requireWith = (name: string, peer: string): string | undefined => {
    const v = get(name);
    if (!v) errors.push(`${name} is required when ${peer} is set`);
    return v;
  };

  const port = Number(get('PORT') ?? '3978');
  if (!Number.isInteger(port) || port < 0 || port > 65535) errors.push(`PORT must be a whole number from 0 to 65535, got "${get('PORT')}"`);
  const host = get('HOST') ?? '127.0.0.1';

  let teams: TeamsConfig | undefined;
  const appId = get('MICROSOFT_APP_ID');
  if (appId) {
    const appType = get('MICROSOFT_APP_TYPE') ?? 'MultiTenant';
    if (appType !== 'MultiTenant' && appType !== 'SingleTenant' && appType !== 'UserAssignedMSI') {
      errors.push(`MICROSOFT_APP_TYPE must be MultiTenant, SingleTenant or UserAssignedMSI, got "${appType}"`);
    }
    const appPassword = get('MICROSOFT_APP_PASSWORD');
    if (appType !== 'UserAssignedMSI' && !appPassword) errors.push('MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set (unless MICROSOFT_APP_TYPE=UserAssignedMSI)');
    const tenantId = get('MICROSOFT_APP_TENANT_ID');
    if (appType !== 'MultiTenant' && !tenantId) errors.push(`MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=${appType}`);
    teams = {
      appId,
      appType: appType as TeamsConfig['appType'],
      allowedTenantIds: list(get('MICROSOFT_ALLOWED_TENANT_IDS')),
      ...(appPassword ? { appPassword } : {}),
      ...(tenantId ? { tenantId } : {}),
    };
  }

  let slack: SlackConfig | undefined;
  const signingSecret = get('SLACK_SIGNING_SECRET');
  const botToken = get('SLACK_BOT_TOKEN');
  if (signingSecret || botToken) {
    const secret = signingSecret ?? requireWith('SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN');
    const token = botToken ?? requireWith('SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET');
    if (token && !token.startsWith('xoxb-')) errors.push('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"');
    const appToken = get('SLACK_APP_TOKEN');
    if (appToken && !appToken.startsWith('xapp-')) errors.push('SLACK_APP_TOKEN must be an app-level token starting with "xapp-"');
    const apiUrl = get('SLACK_API_URL');
    if (apiUrl && !/^https?:\/\//.test(apiUrl)) errors.push(`SLACK_API_URL must be an http(s) URL, got "${apiUrl}"`);
    if (secret && token) {
      slack = {
        signingSecret: secret,
        botToken: token,
        allowedTeamIds: list(get('SLACK_ALLOWED_TEAM_IDS')),
        ...(appToken ? { appToken } : {}),
        ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
      };
    }
  }

  let graph: GraphConfig = { kind: 'local' };
  const baseUrl = get('GRAPH_BASE_URL');
  if (baseUrl && !/^https?:\/\//.test(baseUrl)) errors.push(`GRAPH_BASE_URL must be an http(s) URL, got "${baseUrl}"`);
  const tenantId = get('GRAPH_TENANT_ID');
  const clientId = get('GRAPH_CLIENT_ID');
  const clientSecret = get('GRAPH_CLIENT_SECRET');
  const certificatePath = get('GRAPH_CLIENT_CERTIFICATE_PATH');
  const managed = get('GRAPH_MANAGED_IDENTITY') === 'true';
  const base = (baseUrl ?? GRAPH_DEFAULT_BASE).replace(/\/+$/, '');
  if (managed) {
    graph = { kind: 'remote', baseUrl: base, auth: { kind: 'managedIdentity', ...(clientId ? { clientId } : {}) } };
  } else if (tenantId || clientId || clientSecret || certificatePath) {
    const t = tenantId ?? requireWith('GRAPH_TENANT_ID', 'a GRAPH_ credential');
    const c = clientId ?? requireWith('GRAPH_CLIENT_ID', 'a GRAPH_ credential');
    if (!clientSecret && !certificatePath) errors.push('GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH is required when GRAPH_TENANT_ID or GRAPH_CLIENT_ID is set');
    if (t && c && clientSecret) graph = { kind: 'remote', baseUrl: base, auth: { kind: 'secret', tenantId: t, clientId: c, clientSecret } };
    else if (t && c && certificatePath) graph = { kind: 'remote', baseUrl: base, auth: { kind: 'certificate', tenantId: t, clientId: c, certificatePath } };
  } else if (baseUrl) {
    graph = { kind: 'remote', baseUrl: base, auth: { kind: 'none' } };
  }
  const notificationCertificatePath = get('GRAPH_NOTIFICATION_CERTIFICATE_PATH');
  if (notificationCertificatePath && graph.kind === 'remote') graph = { ...graph, notificationCertificatePath };
  else if (notificationCertificatePath) {
    errors.push('GRAPH_NOTIFICATION_CERTIFICATE_PATH is set, but Graph is not configured (GRAPH_* credentials or GRAPH_BASE_URL); the local meeting service needs no certificate');
  }

  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) errors.push('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
  const dbSchema = get('MEETBOT_DB_SCHEMA');
  if (dbSchema && !/^[a-z_][a-z0-9_]{0,62}$/.test(dbSchema)) errors.push(`MEETBOT_DB_SCHEMA must be lower-case letters, digits and underscores, got "${dbSchema}"`);
  if (dbSchema && !databaseUrl) errors.push('MEETBOT_DB_SCHEMA is set, but DATABASE_URL is not: a schema is a PostgreSQL setting');
  const database: DatabaseConfig = databaseUrl
    ? { kind: 'postgres', url: databaseUrl, ...(dbSchema ? { schema: dbSchema } : {}) }
    : { kind: 'sqlite', path: get('MEETBOT_DB') ?? './data/meetbot.db' };

  const core = loadCoreSettings(env);
  if (!core.ok) errors.push(...core.errors);
  const localDirectory = get('MEETBOT_LOCAL_DIRECTORY');
  const localFaults = get('MEETBOT_LOCAL_FAULTS');
  const exposeText = get('MEETBOT_LOCAL_EXPOSE') ?? 'false';
  if (exposeText !== 'true' && exposeText !== 'false') errors.push(`MEETBOT_LOCAL_EXPOSE must be true or false, got "${exposeText}"`);
  const localToken = get('MEETBOT_LOCAL_TOKEN');
  if (exposeText === 'true' && (!localToken || localToken.length < 32)) {
    errors.push('MEETBOT_LOCAL_EXPOSE=true needs MEETBOT_LOCAL_TOKEN of at least 32 characters (e.g. `openssl rand -hex 32`): every request from beyond this machine must carry it');
  }
  const jobs: JobsConfig = {
    leaseSeconds: wholeNumber(get, 'MEETBOT_JOB_LEASE_SECONDS', 15, 5, 300, errors),
    // A command mostly waits (on Graph, then on the platform): slots bound memory, not CPU, and with Graph answering
    // in half a second 32 slots held an instance to 64 commands a second and made a burst queue behind Graph's latency.
    concurrency: wholeNumber(get, 'MEETBOT_JOB_CONCURRENCY', 256, 1, 1024, errors),
    durable: get('MEETBOT_DURABLE') !== 'off',
  };
  const durableText = get('MEETBOT_DURABLE');
  if (durableText !== undefined && durableText !== 'on' && durableText !== 'off') errors.push(`MEETBOT_DURABLE must be on or off, got "${durableText}"`);
  const countWork = get('MEETBOT_COUNT_WORK') ?? 'false';
  if (countWork !== 'true' && countWork !== 'false') errors.push(`MEETBOT_COUNT_WORK must be true or false, got "${countWork}"`);
  const publicUrl = get('MEETBOT_PUBLIC_URL');
  const calendarSecret = get('MEETBOT_CALENDAR_SECRET');
  const calendar = get('MEETBOT_CALENDAR') ?? 'off';
  if (calendar !== 'off' && calendar !== 'invite' && calendar !== 'ask') errors.push(`MEETBOT_CALENDAR must be off, invite or ask, got "${calendar}"`);
  if (calendarSecret !== undefined && calendarSecret.length < 32) errors.push('MEETBOT_CALENDAR_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`); it signs the calendar links on cards');
  const ring = get('MEETBOT_RING') ?? 'on';
  if (ring !== 'off' && ring !== 'on') errors.push(`MEETBOT_RING must be on or off, got "${ring}"`);
  const watch = get('MEETBOT_WATCH') ?? 'on';
  if (watch !== 'off' && watch !== 'on' && watch !== 'always') errors.push(`MEETBOT_WATCH must be off, on or always, got "${watch}"`);
  if (publicUrl && !/^https?:\/\//.test(publicUrl)) errors.push(`MEETBOT_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);

  // Without Teams credentials inbound JWTs are not checked, so nobody beyond this machine may reach the server.
  if (!teams && !isLoopback(host)) {
    errors.push(`HOST=${host} exposes the server beyond this machine, but MICROSOFT_APP_ID is not set, so Teams requests could not be authenticated. Set the MICROSOFT_APP_* credentials or use HOST=127.0.0.1`);
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    config: {
      host,
      port,
      graph,
      database,
      ...(core.ok ? core.settings : { defaultDurationMinutes: 30, defaultTimeZone: 'UTC', endOfDay: { hour: 17, minute: 0 } }),
      logLevel: get('LOG_LEVEL') ?? 'info',
      jobs,
      local: {
        expose: exposeText === 'true',
        ...(localToken ? { token: localToken } : {}),
        ...(localDirectory ? { directoryPath: localDirectory } : {}),
        ...(localFaults ? { faults: localFaults } : {}),
      },
      ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
      ...(calendarSecret ? { calendarSecret } : {}),
      calendar: calendar === 'invite' || calendar === 'ask' ? calendar : 'off',
      ring: ring === 'off' ? 'off' : 'on',
      watch: watch === 'off' || watch === 'always' ? watch : 'on',
      ...(teams ? { teams } : {}),
      ...(slack ? { slack } : {}),
      ...(countWork === 'true' ? { countWork: true } : {}),
    },
  };
}

/** The core's settings from `config` (the server and `meetbot meet` run the same bot). */
export function botConfigOf(config: Config): BotConfig {
  return {
    defaultDurationMinutes: config.defaultDurationMinutes,
    defaultTimeZone: config.defaultTimeZone,
    endOfDay: config.endOfDay,
    defaultLocale: 'en',
    allowedTenants: { slack: config.slack?.allowedTeamIds ?? [], teams: config.teams?.allowedTenantIds ?? [] },
    calendar: config.calendar,
    ...(config.ring ? { ring: config.ring } : {}),
    ...(config.watch ? { watch: config.watch } : {}),
  };
}
