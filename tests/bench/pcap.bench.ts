import { benchPcapAnalysis } from "./pcap-analysis-work";
import { benchCaptureReader } from "./pcap-reader-work";
import type { BenchRow } from "./bench-types";

const MB = Number(process.env.EDGESCOPE_BENCH_MB ?? 200);

/** P5: the whole pcap analysis (issue 7) against `tshark -Y stun` on the same generated capture. */
export async function benchPcap(): Promise<BenchRow> {
  const reader = await benchCaptureReader({ megabytes: MB });
  const r = benchPcapAnalysis({ megabytes: MB, format: "pcapng", tshark: true });
  const tshark = "missing" in r.tshark ? null : r.tshark;
  return {
    id: "P5",
    what: `pcap analysis: every STUN/TURN message, flows, findings (${Math.round(r.mb)} MB pcapng)`,
    goal: "faster than `tshark -Y stun`",
    measured: `${r.mbPerSec.toFixed(0)} MB/s${tshark ? ` vs ${tshark.mbPerSec.toFixed(0)} MB/s` : ""}`,
    met: tshark ? r.mbPerSec > tshark.mbPerSec : null,
    note: tshark
      ? `${(r.mbPerSec / tshark.mbPerSec).toFixed(1)}× tshark (${tshark.version})`
      : `tshark not measured: ${"missing" in r.tshark ? r.tshark.missing : ""}`,
    raw: {
      mb: r.mb,
      seconds: Number(r.seconds.toFixed(3)),
      messages: r.stunMessages,
      readerMbPerSec: Number(reader.mbPerSec.toFixed(1)),
      ...(tshark ? { tsharkSeconds: Number(tshark.seconds.toFixed(3)) } : {}),
    },
  };
}
