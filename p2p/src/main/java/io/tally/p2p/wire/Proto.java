package io.tally.p2p.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Hand-written protobuf helpers (no protoc with Maven 3.8): a reader that turns every protobuf
 * failure into {@link DecodeException}, and a writer that emits fields in the order called, which
 * gives the deterministic field-ordered encoding libp2p signatures depend on.
 */
public final class Proto {
    private Proto() {}

    /** Wraps {@link CodedInputStream}; all errors surface as {@link DecodeException}. */
    public static final class Reader {
        private final CodedInputStream in;
        private int tag;

        public Reader(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        public Reader(byte[] bytes, int off, int len) {
            this.in = CodedInputStream.newInstance(bytes, off, len);
            this.in.setRecursionLimit(16);
        }

        /** Advances to the next field; false at the end of the message. */
        public boolean next() {
            try {
                tag = in.readTag();
                return tag != 0;
            } catch (IOException e) {
                throw new DecodeException("bad protobuf tag", e);
            }
        }

        public int field() {
            return WireFormat.getTagFieldNumber(tag);
        }

        public int wireType() {
            return WireFormat.getTagWireType(tag);
        }

        public byte[] bytes() {
            expect(WireFormat.WIRETYPE_LENGTH_DELIMITED);
            try {
                return in.readByteArray();
            } catch (IOException e) {
                throw new DecodeException("bad protobuf bytes field " + field(), e);
            }
        }

        public String string() {
            byte[] b = bytes();
            // Strict UTF-8: a peer's malformed topic or protocol name is rejected, not silently mangled.
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(b))
                        .toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new DecodeException("invalid UTF-8 in field " + field(), e);
            }
        }

        public long uint64() {
            expect(WireFormat.WIRETYPE_VARINT);
            try {
                return in.readUInt64();
            } catch (IOException e) {
                throw new DecodeException("bad protobuf varint field " + field(), e);
            }
        }

        public boolean bool() {
            return uint64() != 0;
        }

        public void skip() {
            try {
                if (!in.skipField(tag)) {
                    throw new DecodeException("unexpected end-group tag");
                }
            } catch (IOException e) {
                throw new DecodeException("bad protobuf field " + field(), e);
            }
        }

        private void expect(int wireType) {
            if (wireType() != wireType) {
                throw new DecodeException("field " + field() + " has wire type " + wireType() + ", expected " + wireType);
            }
        }
    }

    /** Field writer over a growable buffer. */
    public static final class Writer {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buf, 256);

        public Writer bytes(int field, byte[] value) {
            try {
                out.writeByteArray(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        public Writer uint64(int field, long value) {
            try {
                out.writeUInt64(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer bool(int field, boolean value) {
            try {
                out.writeBool(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public byte[] toByteArray() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buf.toByteArray();
        }
    }
}
