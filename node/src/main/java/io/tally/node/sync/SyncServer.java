package io.tally.node.sync;

import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.chain.LedgerReader;
import io.tally.p2p.PeerId;
import io.tally.p2p.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Serves committed blocks with their certificates to peers that are behind. */
public final class SyncServer implements RequestHandler {
    private final LedgerReader ledger;

    public SyncServer(LedgerReader ledger) {
        this.ledger = ledger;
    }

    @Override
    public byte[] handle(PeerId from, byte[] request) throws Exception {
        SyncCodec.Request r = SyncCodec.decodeRequest(request);
        long head = ledger.head().height();
        List<byte[]> blocks = new ArrayList<>();
        List<byte[]> certs = new ArrayList<>();
        long bytes = 0;
        for (long h = Math.max(1, r.fromHeight()); h <= head && blocks.size() < r.maxBlocks(); h++) {
            Optional<Block> b = ledger.blockByHeight(h);
            Optional<CommitCertificate> c = ledger.certificate(h);
            if (b.isEmpty() || c.isEmpty()) {
                break;
            }
            byte[] be = b.get().encode();
            byte[] ce = c.get().encode();
            if (!blocks.isEmpty() && bytes + be.length + ce.length > SyncCodec.MAX_RESPONSE_BYTES / 2) {
                break;
            }
            bytes += be.length + ce.length;
            blocks.add(be);
            certs.add(ce);
        }
        return SyncCodec.encodeResponse(head, blocks, certs);
    }
}
