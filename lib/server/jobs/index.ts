import "server-only";
import { startCheckRecorder } from "@/lib/server/checks/check-recorder";
import { startProbeSchedule } from "@/lib/server/probes/probe-schedule";
import { startRetentionJob } from "@/lib/server/db/retention-job";
import { alertEvaluatorJob } from "./alert-evaluator";
import { alertRetentionJob } from "./alert-retention";
import { alertSenderJob } from "./alert-sender";
import type { IntervalJob, Job, JobDeps } from "./types";

/** Every background job of a server process, listed once (started and stopped by startJobs). */
export const JOBS: readonly Job[] = [
  { name: "retention", start: (d) => startRetentionJob(d.db, d.log) },
  { name: "probe-schedule", start: (d) => startProbeSchedule(d.db, d.env, d.box, d.log) },
  { name: "check-recorder", start: (d) => startCheckRecorder(d.db, d.env, d.box, d.log) },
  alertEvaluatorJob,
  alertSenderJob,
  alertRetentionJob,
];

function startInterval(job: IntervalJob, d: JobDeps): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await job.run(d);
    } catch (err) {
      d.log(`[edgescope] job ${job.name} failed (will retry): ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), job.firstAfterMs(d.env));
  const every = setInterval(() => void run(), job.everyMs(d.env));
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

/** Starts the given jobs (all by default); returns one function that stops them all. */
export function startJobs(d: JobDeps, jobs: readonly Job[] = JOBS): () => void {
  const stops = jobs.map((j) => ("start" in j ? j.start(d) : startInterval(j, d)));
  return () => stops.forEach((stop) => stop());
}
