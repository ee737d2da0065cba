// The shape of meetbot's configuration: what `loadConfig` (config.ts) reads from the environment and checks.
/** Teams bot credentials (MICROSOFT_APP_*). */
export interface TeamsConfig {
  readonly appId: string;
  readonly appPassword?: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly tenantId?: string;
  readonly allowedTenantIds: readonly string[];
}

/** Slack app credentials (SLACK_*). */
export interface SlackConfig {
  readonly signingSecret: string;
  readonly botToken: string;
  /** Socket Mode when set. */
  readonly appToken?: string;
  /** Web API base, e.g. `https://slack.com/api/` (tests point it at a fake). */
  readonly apiUrl?: string;
  readonly allowedTeamIds: readonly string[];
}

/** How meetbot reaches Microsoft Graph. */
export type GraphConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'remote';
      readonly baseUrl: string;
      readonly auth:
        | { readonly kind: 'secret'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
        | { readonly kind: 'certificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePath: string }
        | { readonly kind: 'managedIdentity'; readonly clientId?: string }
        | { readonly kind: 'none' };
      /** PEM (certificate + private key) Graph encrypts call events to (rich notifications); checked at start. */
      readonly notificationCertificatePath?: string;
    };

/** Where meetbot keeps its data. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  /** `schema`: MEETBOT_DB_SCHEMA, the PostgreSQL schema for meetbot's tables and its job queue (created when missing). */
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

/** Everything meetbot reads from the environment. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly publicUrl?: string;
  /** MEETBOT_CALENDAR: whether scheduled meetings go out as calendar invitations (off, invite, or ask with a button). */
  readonly calendar: 'off' | 'invite' | 'ask';
  /** Signs the "Add to my calendar" links (MEETBOT_CALENDAR_SECRET); unset: a random key per process start. */
  readonly calendarSecret?: string;
  /** MEETBOT_RING: whether the bot rings people into meeting calls (`/meet now … ring`, the Ring them button); default on. */
  readonly ring?: 'off' | 'on';
  /** MEETBOT_WATCH: following a call from inside it, never, on `watch` (default), or for every meeting made now. */
  readonly watch?: 'off' | 'on' | 'always';
  readonly teams?: TeamsConfig;
  readonly slack?: SlackConfig;
  readonly graph: GraphConfig;
  readonly database: DatabaseConfig;
  readonly defaultDurationMinutes: number;
  readonly defaultTimeZone: string;
  readonly endOfDay: CoreSettings['endOfDay'];
  readonly logLevel: string;
  /** The embedded local meeting service's settings (used only without Graph credentials). */
  readonly local: LocalServiceConfig;
  /** The job queue work after each ack runs on. */
  readonly jobs: JobsConfig;
  /** MEETBOT_COUNT_WORK=true: count SQL statements and bytes written on /metrics (the benchmark sets it; off costs nothing). */
  readonly countWork?: boolean;
}

/** MEETBOT_JOB_LEASE_SECONDS, MEETBOT_JOB_CONCURRENCY and MEETBOT_DURABLE. */
export interface JobsConfig {
  /** How long a try may run before another instance takes the job for dead (recovery time after a crash is about this). */
  readonly leaseSeconds: number;
  /** Jobs one instance runs at once. */
  readonly concurrency: number;
  /** False (MEETBOT_DURABLE=off, for measuring what durability costs): deliveries are finished in memory, unrecorded. */
  readonly durable: boolean;
}


/** MEETBOT_LOCAL_DIRECTORY and MEETBOT_LOCAL_FAULTS; their contents are read and checked when the service starts. */
export interface LocalServiceConfig {
  /** A JSON file of local people replacing the built-in directory. */
  readonly directoryPath?: string;
  /** Faults to inject (`latency=300,error429=0.1`), for trying the bot against a misbehaving Graph. */
  readonly faults?: string;
  /** MEETBOT_LOCAL_EXPOSE=true: the playground, local Graph and join pages also answer beyond this machine, with `token`. */
  readonly expose: boolean;
  /** MEETBOT_LOCAL_TOKEN: what every request from beyond this machine must carry (a login cookie or a bearer header). */
  readonly token?: string;
}

/** The environment, as `process.env` gives it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The settings the command language itself reads (also for `meetbot parse`, which needs nothing else). */
export interface CoreSettings {
  readonly defaultDurationMinutes: number;
  readonly defaultTimeZone: string;
  /** MEETBOT_END_OF_DAY: the time "EOD" means. */
  readonly endOfDay: { readonly hour: number; readonly minute: number };
}
