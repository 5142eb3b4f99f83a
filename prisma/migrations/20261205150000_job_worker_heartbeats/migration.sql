-- CreateTable
CREATE TABLE "job_worker_heartbeats" (
    "workerId" TEXT NOT NULL,
    "process" TEXT NOT NULL,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_worker_heartbeats_pkey" PRIMARY KEY ("workerId")
);

-- CreateIndex
CREATE INDEX "job_worker_heartbeats_heartbeatAt_idx" ON "job_worker_heartbeats"("heartbeatAt");
