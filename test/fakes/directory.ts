// An in-memory directory: Microsoft 365 users and the chat identities that point at them.
import type { Directory, M365User } from '../../src/meetings/ports';
import type { UserRef } from '../../src/types';

interface Entry {
  readonly user: M365User;
  readonly refs: readonly UserRef[];
}

/** A Directory over users added with `add`. Matches an Entra id, an e-mail/UPN, or a registered chat identity. */
export class FakeDirectory implements Directory {
  /** Every lookup, with the refs it asked about (to check batching). */
  readonly lookups: UserRef[][] = [];
  private readonly entries: Entry[] = [];
  private readonly failures: unknown[] = [];

  /** Registers `user`, known on chat platforms as `refs`. */
  add(user: M365User, ...refs: UserRef[]): this {
    this.entries.push({ user, refs });
    return this;
  }

  /** The next lookup throws `error`. */
  failNext(error: unknown): void {
    this.failures.push(error);
  }

  private find(ref: UserRef): M365User | null {
    const email = ref.email?.toLowerCase();
    const entry = this.entries.find(
      ({ user, refs }) =>
        (ref.aadObjectId !== undefined && ref.aadObjectId === user.id) ||
        (email !== undefined && (user.mail?.toLowerCase() === email || user.userPrincipalName?.toLowerCase() === email)) ||
        refs.some((known) => known.platform === ref.platform && known.id === ref.id),
    );
    return entry?.user ?? null;
  }

  async lookup(refs: readonly UserRef[]): Promise<ReadonlyArray<M365User | null>> {
    this.lookups.push([...refs]);
    if (this.failures.length > 0) throw this.failures.shift();
    return refs.map((ref) => this.find(ref));
  }
}
