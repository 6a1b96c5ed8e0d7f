-- CreateTable
CREATE TABLE "rollup_minute" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("node_id", "series", "bucket"),
    CONSTRAINT "rollup_minute_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "rollup_hour" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("node_id", "series", "bucket"),
    CONSTRAINT "rollup_hour_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "rollup_day" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("node_id", "series", "bucket"),
    CONSTRAINT "rollup_day_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
