-- CreateTable
CREATE TABLE "rollup_minute" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "rollup_minute_pkey" PRIMARY KEY ("node_id","series","bucket")
);

-- CreateTable
CREATE TABLE "rollup_hour" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "rollup_hour_pkey" PRIMARY KEY ("node_id","series","bucket")
);

-- CreateTable
CREATE TABLE "rollup_day" (
    "node_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "rollup_day_pkey" PRIMARY KEY ("node_id","series","bucket")
);

-- AddForeignKey
ALTER TABLE "rollup_minute" ADD CONSTRAINT "rollup_minute_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollup_hour" ADD CONSTRAINT "rollup_hour_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollup_day" ADD CONSTRAINT "rollup_day_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
