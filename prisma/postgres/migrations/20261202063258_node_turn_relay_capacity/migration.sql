-- AlterTable
ALTER TABLE "node" ADD COLUMN     "turn_relay_capacity" INTEGER;
