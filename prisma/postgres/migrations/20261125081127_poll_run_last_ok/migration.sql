-- CreateIndex
CREATE INDEX "poll_run_node_id_source_outcome_started_at_idx" ON "poll_run"("node_id", "source", "outcome", "started_at");
