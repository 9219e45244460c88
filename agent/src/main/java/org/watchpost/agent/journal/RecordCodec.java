package org.watchpost.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The on-disk form of a record: {@code length:int32, crc32c:int32, sequence:int64, timestamp:int64, type:int8,
 * payload}. The CRC covers everything after itself, so a torn write, a zeroed length or a flipped bit is found when
 * the record is read, never trusted.
 */
final class RecordCodec {
    static final int HEADER = 4 + 4 + 8 + 8 + 1;

    private RecordCodec() {
    }

    static int size(int payloadLength) {
        return HEADER + payloadLength;
    }

    static void encode(ByteBuffer out, long sequence, long timestamp, JournalRecord.Type type, byte[] payload) {
        int start = out.position();
        out.putInt(payload.length);
        out.putInt(0);
        out.putLong(sequence);
        out.putLong(timestamp);
        out.put((byte) type.code());
        out.put(payload);
        CRC32C crc = new CRC32C();
        ByteBuffer covered = out.duplicate();
        covered.position(start + 8).limit(out.position());
        crc.update(covered);
        out.putInt(start + 4, (int) crc.getValue());
    }

    /** What reading at a position found. */
    sealed interface Read permits Good, Bad, End {
    }

    /** A valid record and where the next one starts. */
    record Good(JournalRecord record, long next) implements Read {
    }

    /**
     * A damaged record. When its length is plausible, {@code next} is where the following record should start;
     * otherwise -1: nothing after it in this segment can be found.
     */
    record Bad(String why, long next) implements Read {
    }

    /** No complete record here: the end of the written data (or a torn last write). */
    record End() implements Read {
    }

    /** Reads the record at {@code position}, looking no further than {@code limit}. */
    static Read read(FileChannel ch, long position, long limit, int maxPayload) throws IOException {
        if (limit - position < HEADER) {
            return new End();
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(ch, header, position);
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        long sequence = header.getLong();
        long timestamp = header.getLong();
        int typeCode = header.get();
        if (length <= 0 || length > maxPayload) {
            return new Bad("implausible length " + length, -1);
        }
        long next = position + HEADER + length;
        if (next > limit) {
            return new End();
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(ch, payload, position + HEADER);
        CRC32C c = new CRC32C();
        header.position(8);
        c.update(header);
        payload.flip();
        c.update(payload.duplicate());
        if ((int) c.getValue() != crc) {
            return new Bad("checksum mismatch", next);
        }
        JournalRecord.Type type = JournalRecord.Type.of(typeCode);
        if (type == null) {
            return new Bad("unknown record type " + typeCode, next);
        }
        return new Good(new JournalRecord(sequence, timestamp, type, payload.array()), next);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new IOException("unexpected end of segment at " + p);
            }
            p += n;
        }
    }
}
