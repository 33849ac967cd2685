package callbackenricher.kstreams;

import java.util.List;
import java.util.Set;

/** CONTRACT §3's outcome table as rows, first match wins (src/enrich/deriveOutcome.ts). */
final class Outcome {
  private record Rule(Set<String> states, Set<String> disconnectTypes, Boolean held, Boolean hasConnectedTime, String outcome) {
    boolean matches(String state, String disconnectType, boolean isHeld, boolean connected) {
      return states.contains(orAbsent(state))
          && (disconnectTypes == null || disconnectTypes.contains(orAbsent(disconnectType)))
          && (held == null || held == isHeld)
          && (hasConnectedTime == null || hasConnectedTime == connected);
    }
  }

  /** Stands for an absent field in a row's sets. */
  private static final String ABSENT = "";
  private static final Set<String> TERMINAL = Set.of("DISCONNECTED", "TERMINATED");
  private static final Set<String> ENDED_BY_A_PARTY = Set.of("ENDPOINT", "CLIENT", "PEER");

  private static final List<Rule> RULES = List.of(
      new Rule(TERMINAL, Set.of("SPAM"), null, null, "SPAM"),
      new Rule(TERMINAL, Set.of("UNCALLABLE"), null, null, "UNCALLABLE"),
      new Rule(TERMINAL, Set.of("TRANSFER", "TRANSFER_CONFERENCE", "TRANSFER_CONSULT", "TRANSFER_FORWARD"), null, null, "TRANSFERRED"),
      new Rule(TERMINAL, Set.of("TRANSFER_NOANSWER", "TRANSFER_NOTAVAILABLE", "TIMEOUT"), null, null, "NO_ANSWER"),
      new Rule(TERMINAL, Set.of("ERROR", "TRANSPORT_FAILURE", "SYSTEM"), null, null, "FAILED"),
      new Rule(TERMINAL, ENDED_BY_A_PARTY, null, true, "COMPLETED"),
      new Rule(TERMINAL, ENDED_BY_A_PARTY, null, false, "NO_ANSWER"),
      new Rule(TERMINAL, null, null, null, "UNKNOWN"),
      new Rule(Set.of("SCHEDULED"), null, null, null, "SCHEDULED"),
      new Rule(Set.of("CONNECTED"), null, true, null, "ON_HOLD"),
      new Rule(Set.of("CONNECTED"), null, null, null, "CONNECTED"),
      new Rule(Set.of("ALERTING", "DIALING", "CONTACTING", "OFFERING", "UPLOADING"), null, null, null, "IN_PROGRESS"),
      new Rule(Set.of("NONE", ABSENT), null, null, null, "PENDING"),
      new Rule(Set.of("OutdatedSdkVersion"), null, null, null, "UNKNOWN"));

  private Outcome() {}

  static boolean isTerminal(String state) {
    return state != null && TERMINAL.contains(state);
  }

  static String derive(String state, String disconnectType, boolean held, boolean hasConnectedTime) {
    for (Rule rule : RULES) {
      if (rule.matches(state, disconnectType, held, hasConnectedTime)) return rule.outcome();
    }
    return "UNKNOWN";
  }

  private static String orAbsent(String value) {
    return value == null ? ABSENT : value;
  }
}
