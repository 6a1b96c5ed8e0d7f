import { benchCaptureReader } from "@/lib/server/analyzers/pcap/bench";
import type { BenchRow } from "./bench-types";

/** P5: capture analysis throughput on a large generated capture. */
export async function benchPcap(): Promise<BenchRow> {
  const r = await benchCaptureReader({ megabytes: 200 });
  return {
    id: "P5", what: "pcapng reading + IP/UDP/TCP decoding + STUN detection and TCP reassembly (200 MB)", goal: "faster than `tshark -Y stun` on the same file",
    measured: `${r.mbPerSec.toFixed(0)} MB/s`, met: null, note: "tshark comparison arrives with the evidence analyzers",
    raw: { mb: r.mb, seconds: Number(r.seconds.toFixed(3)), packets: r.packets, stun: r.stun },
  };
}
