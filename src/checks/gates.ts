// Where each quality gate stands: the plan's claim, or the evidence when configuration asks for it.
import type { PlanbotConfig } from '../config/schema.js';
import type { Gate, GateStatus } from '../plan/index.js';
import { evaluateEvidence, evidenceFor, type EvidenceFacts, type EvidenceOutcome } from './evidence.js';

export interface EvaluatedGate {
  /** The plan the gate row is in. */
  planPath: string;
  gate: Gate;
  /** What the plan's Status cell says. */
  claimed: GateStatus;
  /** The gate's result: the evidence's when evidence is configured, else the claim. */
  status: GateStatus;
  evidence: EvidenceOutcome | null;
  /** Set when the plan claims a pass the evidence does not support. */
  disagreement: string | null;
}

export function evaluateGates(
  plans: Array<{ path: string; model: { gates: Gate[] } }>,
  evidence: PlanbotConfig['gates']['evidence'],
  facts: EvidenceFacts,
): EvaluatedGate[] {
  return plans.flatMap((plan) =>
    plan.model.gates.map((gate) => {
      const requirement = evidenceFor(gate.name, evidence);
      if (!requirement) return { planPath: plan.path, gate, claimed: gate.status, status: gate.status, evidence: null, disagreement: null };
      const outcome = evaluateEvidence(requirement, facts);
      const disagreement =
        gate.status === 'pass' && outcome.status !== 'pass'
          ? `The plan marks **${gate.name}** as passed, but the evidence does not support it: ${outcome.reasons.join('; ')}.`
          : null;
      return { planPath: plan.path, gate, claimed: gate.status, status: outcome.status, evidence: outcome, disagreement };
    }),
  );
}
