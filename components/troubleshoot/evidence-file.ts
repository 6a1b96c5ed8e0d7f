import type { EvidenceKind } from "@/lib/domain/findings";

// What the page reads of an evidence file itself, before and beside its upload.

/** A first guess from the file name; the analyzer still checks the content and says if it is wrong. */
export function kindFromName(name: string): EvidenceKind {
  const n = name.toLowerCase().replace(/\.gz$/, "");
  if (/\.(pcapng|pcap|cap)$/.test(n)) return "pcap";
  if (n.endsWith(".har")) return "har";
  if (n.endsWith(".json")) return "webrtc-internals";
  return "cms-log";
}

/** The file's lines as written (a .gz unpacked, UTF-16 with its BOM decoded), for verbatim quotes. */
export async function fileLines(file: File): Promise<string[]> {
  const body = /\.gz$/i.test(file.name)
    ? file
        .stream()
        .pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
    : file;
  const bytes = new Uint8Array(await new Response(body).arrayBuffer());
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  return new TextDecoder(utf16 ? "utf-16le" : "utf-8").decode(bytes).split("\n");
}
