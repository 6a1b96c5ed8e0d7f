-- CreateTable
CREATE TABLE "rollup_minute_5" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("node_id", "series", "bucket"),
    CONSTRAINT "rollup_minute_5_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "rollup_minute_15" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("node_id", "series", "bucket"),
    CONSTRAINT "rollup_minute_15_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "rollup_hour_6" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("node_id", "series", "bucket"),
    CONSTRAINT "rollup_hour_6_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill the new tiers from the finer ones already kept (1-minute rows cover the last 14 days,
-- hourly ones 400), so charts show the past right after the upgrade. Integer ms buckets.
INSERT INTO "rollup_minute_5" ("node_id", "series", "bucket", "count", "sum", "min", "max")
SELECT "node_id", "series", ("bucket" / 300000) * 300000, SUM("count"), SUM("sum"), MIN("min"), MAX("max") FROM "rollup_minute" GROUP BY 1, 2, 3;
INSERT INTO "rollup_minute_15" ("node_id", "series", "bucket", "count", "sum", "min", "max")
SELECT "node_id", "series", ("bucket" / 900000) * 900000, SUM("count"), SUM("sum"), MIN("min"), MAX("max") FROM "rollup_minute" GROUP BY 1, 2, 3;
INSERT INTO "rollup_hour_6" ("node_id", "series", "bucket", "count", "sum", "min", "max")
SELECT "node_id", "series", ("bucket" / 21600000) * 21600000, SUM("count"), SUM("sum"), MIN("min"), MAX("max") FROM "rollup_hour" GROUP BY 1, 2, 3;
