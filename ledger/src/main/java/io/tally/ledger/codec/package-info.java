/**
 * The canonical binary encoding shared by transactions, blocks and certificates: big-endian
 * fixed-width integers, length-prefixed byte strings, no optional fields, no trailing bytes. One
 * value has exactly one encoding, so hashes and signatures are well defined. See docs/encoding.md.
 */
package io.tally.ledger.codec;
