// The shape of the recorded request corpus and a builder that numbers
// requests and encodes them with the generated protobuf classes.
import { pb, type queryable } from "../../../bridge/codec";
import type { ErrorCode } from "../../../core/errors";

/** What a frame should get back: any result, one error code, or anything at all. */
export type Expectation = "result" | ErrorCode | "any";

/** One recorded request frame. */
export interface CorpusFrame {
  /** What the frame tests, unique within its sequence. */
  readonly label: string;
  readonly bytes: Uint8Array;
  /** The request the bytes encode, or undefined for frames that are not a valid Request. */
  readonly request: queryable.v1.IRequest | undefined;
  readonly expect: Expectation;
}

/** Frames that run in order in one new core instance. */
export interface CorpusSequence {
  readonly name: string;
  readonly frames: readonly CorpusFrame[];
}

/** Builds one sequence with request ids counting up from 1 in the order frames are added. */
export class SequenceBuilder {
  private readonly frames: CorpusFrame[] = [];
  private nextRequestId = 1;

  constructor(private readonly name: string) {}

  /** Adds a request encoded by protobufjs, with the next request id. */
  request(label: string, body: Omit<queryable.v1.IRequest, "requestId">, expect: Expectation): this {
    const request = { ...body, requestId: this.nextRequestId++ };
    const bytes = pb.Request.encode(request).finish();
    this.frames.push({ label, bytes: Uint8Array.from(bytes), request, expect });
    return this;
  }

  /** Adds frame bytes as they are, for frames that no encoder would write. */
  raw(label: string, bytes: Uint8Array, expect: Expectation): this {
    this.frames.push({ label, bytes, request: undefined, expect });
    return this;
  }

  build(): CorpusSequence {
    const labels = new Set(this.frames.map((frame) => frame.label));
    if (labels.size !== this.frames.length) throw new Error(`sequence "${this.name}" repeats a frame label`);
    return { name: this.name, frames: [...this.frames] };
  }
}
