-- CreateTable
CREATE TABLE "check_state" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deployment_id" TEXT NOT NULL,
    "check_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "check_state_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "check_state_deployment_id_check_id_at_idx" ON "check_state"("deployment_id", "check_id", "at");
