// An in-memory LocalCallRepo with the store's semantics (compare-and-set on the version, reports oldest first).
import type { LocalCallRepo, StoredCall, StoredReport } from './call-repo';

/** Creates a LocalCallRepo that keeps calls in this process. */
export function createMemoryCalls(): LocalCallRepo {
  const calls = new Map<string, StoredCall>();
  const reports = new Map<string, StoredReport[]>();
  return {
    async getCall(meetingId) {
      return calls.get(meetingId);
    },
    async saveCall(meetingId, call, expected, report) {
      const current = calls.get(meetingId);
      if ((current?.version ?? 0) !== expected) return false;
      calls.set(meetingId, { version: expected + 1, delivered: current?.delivered ?? 0, call });
      if (report) reports.set(meetingId, [...(reports.get(meetingId) ?? []), report]);
      return true;
    },
    async markDelivered(meetingId, version) {
      const current = calls.get(meetingId);
      if (current && current.delivered < version) calls.set(meetingId, { ...current, delivered: version });
    },
    async reportsOf(meetingId, limit) {
      return (reports.get(meetingId) ?? []).slice(-limit);
    },
  };
}
