import { type Metrics, statusClass } from '../metrics/metrics.js';
import type { Outcome, StepName } from './outcome.js';

const WEBHOOK_OUTCOMES = new Set(['success', 'in_progress', 'gone', 'failed', 'error']);

/** Counts what one step did: its outcome and each outbound exchange it reported. */
export function recordOutcomeMetrics(metrics: Metrics, step: StepName, outcome: Outcome): void {
  const stepOutcome = outcome.kind === 'finish' ? (outcome.error ? 'fail' : 'done') : outcome.kind;
  metrics.stepOutcomes.inc({ step, outcome: stepOutcome });
  if (step === 'finalize' && outcome.kind === 'retry') metrics.finalizeRetries.inc();
  for (const event of outcome.events ?? []) {
    const seconds = (event.duration_ms ?? 0) / 1000;
    const status_class = statusClass(event.http_status ?? undefined);
    switch (event.kind) {
      case 'webhook_call':
      case 'webhook_poll': {
        const kind = event.kind === 'webhook_call' ? 'call' : 'poll';
        // An unexpected poll status is still a failed answer for the dashboards.
        const eventOutcome = WEBHOOK_OUTCOMES.has(event.outcome) ? event.outcome : 'failed';
        metrics.webhookRequests.inc({ kind, outcome: eventOutcome as 'success', status_class });
        metrics.webhookRequestDuration.observe({ kind, status_class }, seconds);
        break;
      }
      case 'director_fetch':
      case 'director_finalize': {
        const call = event.kind === 'director_fetch' ? 'fetch' : 'finalize';
        const directorOutcome =
          event.outcome === 'not_found' ? 'not_found' : event.outcome === 'ok' ? 'ok' : 'error';
        metrics.directorRequests.inc({ call, outcome: directorOutcome });
        metrics.directorRequestDuration.observe({ call }, seconds);
        break;
      }
      default:
        break;
    }
  }
}
