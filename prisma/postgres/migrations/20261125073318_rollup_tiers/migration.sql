-- CreateTable
CREATE TABLE "rollup_minute_5" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "rollup_minute_5_pkey" PRIMARY KEY ("node_id","series","bucket")
);

-- CreateTable
CREATE TABLE "rollup_minute_15" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "rollup_minute_15_pkey" PRIMARY KEY ("node_id","series","bucket")
);

-- CreateTable
CREATE TABLE "rollup_hour_6" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "rollup_hour_6_pkey" PRIMARY KEY ("node_id","series","bucket")
);

-- AddForeignKey
ALTER TABLE "rollup_minute_5" ADD CONSTRAINT "rollup_minute_5_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollup_minute_15" ADD CONSTRAINT "rollup_minute_15_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollup_hour_6" ADD CONSTRAINT "rollup_hour_6_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill the new tiers from the finer ones already kept (1-minute rows cover the last 14 days,
-- hourly ones 400), so charts show the past right after the upgrade. Buckets start on the UTC epoch.
INSERT INTO "rollup_minute_5" ("node_id", "series", "bucket", "count", "sum", "min", "max")
SELECT "node_id", "series", TIMESTAMP '1970-01-01 00:00:00' + floor(extract(epoch from "bucket") / 300) * INTERVAL '300 seconds' AS b, SUM("count"), SUM("sum"), MIN("min"), MAX("max") FROM "rollup_minute" GROUP BY 1, 2, 3;
INSERT INTO "rollup_minute_15" ("node_id", "series", "bucket", "count", "sum", "min", "max")
SELECT "node_id", "series", TIMESTAMP '1970-01-01 00:00:00' + floor(extract(epoch from "bucket") / 900) * INTERVAL '900 seconds' AS b, SUM("count"), SUM("sum"), MIN("min"), MAX("max") FROM "rollup_minute" GROUP BY 1, 2, 3;
INSERT INTO "rollup_hour_6" ("node_id", "series", "bucket", "count", "sum", "min", "max")
SELECT "node_id", "series", TIMESTAMP '1970-01-01 00:00:00' + floor(extract(epoch from "bucket") / 21600) * INTERVAL '21600 seconds' AS b, SUM("count"), SUM("sum"), MIN("min"), MAX("max") FROM "rollup_hour" GROUP BY 1, 2, 3;
