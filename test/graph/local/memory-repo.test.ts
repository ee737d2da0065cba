// The in-memory repo keeps subscriptions and calls exactly as the store does.
import { createMemoryRepo, type LocalGraphRepo } from '../../../adapters/graph/local';
import { callContract, subscriptionContract } from './repo-contract';

describe('local Graph: in-memory repo', () => {
  let repo: LocalGraphRepo;
  beforeEach(() => {
    repo = createMemoryRepo();
  });
  subscriptionContract(() => repo);
  callContract(() => repo);
});
