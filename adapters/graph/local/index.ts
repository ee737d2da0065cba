// The local Graph-compatible meeting service: the onlineMeetings slice of Graph over HTTP, join pages, the call lifecycle.
export { createLocalGraph, directoryFromSetting, type LocalGraph, type LocalGraphOptions, type LocalCalls } from './graph';
export { startLocalGraphServer, type LocalGraphServer } from './server';
export { DEFAULT_DIRECTORY, LOCAL_TENANT_ID, parseDirectory, loadDirectoryFile, type LocalUser } from './directory';
export { parseFaults, type FaultConfig } from './faults';
export { createMemoryRepo } from './memory-repo';
export type { LocalGraphRepo, LocalMeeting, LocalSubscription, LocalAttendee } from './repo';
export type { LocalCallRepo, LocalCallState, StoredCall, StoredReport } from './call-repo';
