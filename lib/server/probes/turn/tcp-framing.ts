import "server-only";

import { HEADER_LENGTH } from "./stun-constants";

export interface StreamFrame {
  kind: "stun" | "channel-data";
  data: Buffer;
}

/**
 * Splits a TURN-over-TCP byte stream into messages (RFC 8656 §12.5 / RFC 5389 §7.2.2): STUN
 * messages are sent back to back and carry their own length; ChannelData (first bits 01) is padded
 * to 4 bytes on streams. Anything else means we have lost framing, and the stream is unusable.
 */
export class StunStreamFramer {
  private buffer: Buffer = Buffer.alloc(0);
  private broken: string | undefined;

  push(chunk: Uint8Array): { frames: StreamFrame[]; error?: string } {
    if (this.broken) return { frames: [], error: this.broken };
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const frames: StreamFrame[] = [];
    while (this.buffer.length >= 4) {
      const first = this.buffer[0] ?? 0;
      const length = this.buffer.readUInt16BE(2);
      let total: number;
      let kind: StreamFrame["kind"];
      if ((first & 0xc0) === 0x00) {
        if (length % 4 !== 0) return this.fail(frames, `STUN length ${length} is not a multiple of 4`);
        total = HEADER_LENGTH + length;
        kind = "stun";
      } else if ((first & 0xc0) === 0x40) {
        total = 4 + length + ((4 - (length % 4)) % 4);
        kind = "channel-data";
      } else {
        return this.fail(frames, `byte 0x${first.toString(16)} starts neither STUN nor ChannelData`);
      }
      if (this.buffer.length < total) break;
      frames.push({ kind, data: Buffer.from(this.buffer.subarray(0, total)) });
      this.buffer = this.buffer.subarray(total);
    }
    return { frames };
  }

  private fail(frames: StreamFrame[], error: string): { frames: StreamFrame[]; error: string } {
    this.broken = error;
    this.buffer = Buffer.alloc(0);
    return { frames, error };
  }
}
