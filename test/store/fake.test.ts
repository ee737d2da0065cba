// The fake store the core tests run on, held to the same MeetingStore contract as SQLite and PostgreSQL.
import { FakeMeetingStore } from '../fakes';
import { meetingStoreContract } from './contract';

describe('the fake store of the core tests', () => {
  meetingStoreContract(async () => new FakeMeetingStore());
});
