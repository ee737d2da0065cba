// In-memory fakes of every port the core calls, for any test that needs them.
export { FakeClock } from './clock';
export { FakeDirectory } from './directory';
export { FakeLogger, type LogEntry, type Level } from './logger';
export { FakeMeetingService, type ServiceCall } from './meeting-service';
export { FakeMessenger, type CardUpdate } from './messenger';
export { FakeOutbox } from './outbox';
export { FakeMeetingStore } from './store';
export { stubBot } from './bot';
export { alice, bob, carol, dave, chat, castDirectory } from './people';
export { sampleMeeting, sampleRecord } from './records';
