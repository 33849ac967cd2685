// What /readyz answers: joined the group, campaign table loaded, registry reachable, and not
// stuck (lag above zero with no delivered batch for READY_STALL_MS).
export interface ReadinessReport {
  ready: boolean;
  checks: {
    joinedGroup: boolean;
    campaignTableLoaded: boolean;
    registryReachable: boolean;
    notStalled: boolean;
  };
  lag: number;
}

export interface Readiness {
  joined(): void;
  campaignTableLoaded(): void;
  registryReachable(reachable: boolean): void;
  /** A batch was delivered (or there is nothing to do): progress for the stall check. */
  progressed(): void;
  lag(total: number): void;
  stopping(): void;
  report(now?: number): ReadinessReport;
}

export function createReadiness(stallMs: number, clock: () => number = Date.now): Readiness {
  let joinedGroup = false;
  let tableLoaded = false;
  let registryUp = false;
  let isStopping = false;
  let totalLag = 0;
  let lastProgressAt = clock();
  return {
    joined() { joinedGroup = true; lastProgressAt = clock(); },
    campaignTableLoaded() { tableLoaded = true; },
    registryReachable(reachable) { registryUp = reachable; },
    progressed() { lastProgressAt = clock(); },
    lag(total) {
      totalLag = total;
      if (total === 0) lastProgressAt = clock();
    },
    stopping() { isStopping = true; },
    report(now = clock()) {
      const checks = {
        joinedGroup: joinedGroup && !isStopping,
        campaignTableLoaded: tableLoaded,
        registryReachable: registryUp,
        notStalled: !(totalLag > 0 && now - lastProgressAt > stallMs),
      };
      return { ready: Object.values(checks).every(Boolean), checks, lag: totalLag };
    },
  };
}
