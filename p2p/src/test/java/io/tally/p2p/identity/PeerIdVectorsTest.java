package io.tally.p2p.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.p2p.PeerId;
import io.tally.p2p.wire.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** libp2p/specs peer-ids vectors, plus cross-checks produced by js-libp2p 3.3.11. */
class PeerIdVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ED_PROTO = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String SECP_PROTO = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
    private static final byte[] TEST_MSG = "libp2p-pubsub:test".getBytes(StandardCharsets.US_ASCII);

    @Test
    void ed25519KeyGivesTheIdentityMultihashPeerId() {
        RemotePublicKey key = RemotePublicKey.decode(HEX.parseHex(ED_PROTO));
        assertEquals(KeyType.ED25519, key.type());
        PeerId id = PeerId.fromPublicKey(key);
        assertEquals("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq", id.toString());
        assertEquals("0024" + ED_PROTO, HEX.formatHex(id.toBytes()));
        assertEquals("bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6", id.toCid());
        assertEquals(id, PeerId.parse(id.toCid()));
        assertEquals(key, id.embeddedKey().orElseThrow());
    }

    @Test
    void secp256k1KeyGivesTheIdentityMultihashPeerId() {
        PeerId id = PeerId.fromPublicKey(RemotePublicKey.decode(HEX.parseHex(SECP_PROTO)));
        assertEquals("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY", id.toString());
        assertEquals("0025" + SECP_PROTO, HEX.formatHex(id.toBytes()));
        assertEquals("bafzaajiiaijcca3xo7uzjzcsyilaj6i54cj44qk7kqzpoao5rti2pjx6udtdbp6kte", id.toCid());
    }

    @Test
    void textFormsDecodeToTheirMultihashes() {
        assertEquals("12209dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9",
                HEX.formatHex(PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N").toBytes()));
        assertEquals(PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"),
                PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe"));
        assertEquals("0024080112202ffa35a99d3a3cfbb17bb7c1dc5561b18a8dcca4df38dc613ea859c37eb1336b",
                HEX.formatHex(PeerId.parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA").toBytes()));
    }

    @Test
    void signaturesMadeByJsVerifyForEd25519AndLowSSecp256k1() {
        RemotePublicKey ed = RemotePublicKey.decode(HEX.parseHex(ED_PROTO));
        byte[] edSig = HEX.parseHex("7ec78a26596ff402e1b008568bc9f554799b8fb1c7545cfda99b742ab579513d"
                + "a6eba4c4fcf7632b39885935843d07b575a5fa538bb8aac0b4b309baa802ce08");
        assertTrue(ed.verify(TEST_MSG, edSig));
        edSig[0] ^= 1;
        assertFalse(ed.verify(TEST_MSG, edSig));
        RemotePublicKey secp = RemotePublicKey.decode(HEX.parseHex(SECP_PROTO));
        byte[] der = HEX.parseHex("3045022100d0f2130a2a6320ddf9ca89f4ee9608b78df160646049b3c8889cf78cd3820f3f"
                + "02206c7779e3ee4adb4bf1ea83fa3a2c75930915eb03ec12c8fde9b6a129e9d2844c");
        assertTrue(secp.verify(TEST_MSG, der));
        assertFalse(secp.verify("other".getBytes(StandardCharsets.US_ASCII), der));
        assertFalse(secp.verify(TEST_MSG, new byte[] {0x30, 0x01}));
    }

    @Test
    void base58MatchesTheMultibaseVectors() {
        assertEquals("7paNL19xttacUY", Base58.encode("yes mani !".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("17paNL19xttacUY", Base58.encode("\0yes mani !".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("117paNL19xttacUY", Base58.encode("\0\0yes mani !".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("\0yes mani !".getBytes(StandardCharsets.US_ASCII), Base58.decode("17paNL19xttacUY"));
    }

    @Test
    void malformedIdsAndKeysAreTypedErrors() {
        assertThrows(DecodeException.class, () -> PeerId.parse("0OIl"));
        assertThrows(DecodeException.class, () -> PeerId.parse(""));
        assertThrows(DecodeException.class, () -> PeerId.fromBytes(HEX.parseHex("0025" + ED_PROTO)));
        assertThrows(DecodeException.class, () -> PeerId.fromBytes(HEX.parseHex("1320" + "00".repeat(32))));
        // a non-canonical key encoding (data before type) must not yield a second identity for one key
        assertThrows(DecodeException.class, () -> RemotePublicKey.decode(HEX.parseHex("12201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e0801")));
        assertThrows(DecodeException.class, () -> RemotePublicKey.decode(HEX.parseHex("0809120100")));
    }
}
