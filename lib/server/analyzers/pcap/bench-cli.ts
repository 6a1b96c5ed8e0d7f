import "server-only";
import { benchPcapAnalysis } from "./analysis-bench";
import { benchCaptureReader } from "./bench";

// `npm run bench`: pcap throughput in MB/s — the reader alone, the whole analysis, and
// `tshark -Y stun` on the same capture when tshark is installed (the issue-7 yardstick).
// Speed goals live here, never in timed test assertions (tests/README.md).

const megabytes = Number(process.env.EDGESCOPE_BENCH_MB ?? 200);
const fmt = (n: number) => n.toFixed(1).padStart(8);

const reader = await benchCaptureReader({ megabytes });
console.log(`pcap reader           ${fmt(reader.mbPerSec)} MB/s  (${reader.mb.toFixed(0)} MB, ${reader.packets} packets, ${reader.stun} STUN, ${reader.seconds.toFixed(2)} s)`);
for (const format of ["pcapng", "pcap"] as const) {
  const r = benchPcapAnalysis({ megabytes, format, tshark: format === "pcapng" });
  console.log(`pcap analysis ${format.padEnd(7)} ${fmt(r.mbPerSec)} MB/s  (${r.mb.toFixed(0)} MB, ${r.packets} packets, ${r.stunMessages} STUN/TURN messages, ${r.seconds.toFixed(2)} s; findings: ${r.findings.join(", ")})`);
  if (format !== "pcapng") continue;
  if ("missing" in r.tshark) console.log(`tshark -Y stun        ${"—".padStart(8)}       (${r.tshark.missing})`);
  else {
    console.log(`tshark -Y stun        ${fmt(r.tshark.mbPerSec)} MB/s  (${r.tshark.seconds.toFixed(2)} s, ${r.tshark.version})`);
    console.log(`speed-up over tshark  ${fmt(r.mbPerSec / r.tshark.mbPerSec)} ×`);
  }
}
