package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tally.ledger.tx.TransactionCodec;
import io.tally.mempool.AdmissionResult;
import io.tally.rpc.json.JsonValues;
import io.tally.rpc.jsonrpc.ErrorCode;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.ChainQuery;
import io.tally.rpc.port.TxSubmitter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code tally_sendRawTransaction}: admits a signed transaction into the mempool and returns its
 * hash, or the application error of the first failed admission check. Asynchronous, so the
 * signatures of a batch of sends are checked in parallel.
 */
public final class SendRawTransactionMethod implements RpcMethod {
    private final ChainQuery chain;
    private final TxSubmitter pool;

    public SendRawTransactionMethod(ChainQuery chain, TxSubmitter pool) {
        this.chain = chain;
        this.pool = pool;
    }

    @Override
    public String name() {
        return "tally_sendRawTransaction";
    }

    @Override
    public String summary() {
        return "Submits a signed transaction (hex of its canonical encoding); returns its hash.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("raw", ParamType.HEX, "hex of the canonical signed encoding"));
    }

    @Override
    public String resultDescription() {
        return "transaction hash (hex)";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        try {
            return callAsync(p).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RpcException rpc) {
                throw rpc;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<JsonNode> callAsync(Params p) {
        byte[] raw;
        try {
            raw = p.bytes("raw", 1, TransactionCodec.MAX_ENCODED_LENGTH);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(new RpcException(ErrorCode.INVALID_TRANSACTION,
                "transaction must be 1.." + TransactionCodec.MAX_ENCODED_LENGTH + " bytes of hex"));
        }
        return pool.submit(raw).thenCompose(r -> {
            if (r.isAccepted()) {
                return CompletableFuture.completedFuture(TextNode.valueOf(r.hash().toHex()));
            }
            return CompletableFuture.failedFuture(toError(r));
        });
    }

    private RpcException toError(AdmissionResult r) {
        if (r.outcome() == AdmissionResult.Outcome.DUPLICATE) {
            ObjectNode d = JsonValues.object();
            d.put("hash", r.hash().toHex());
            return new RpcException(ErrorCode.ALREADY_KNOWN, "transaction is already pending", d);
        }
        ObjectNode d = JsonValues.object();
        return switch (r.code()) {
            case INVALID_ENCODING -> new RpcException(ErrorCode.INVALID_TRANSACTION, r.reason());
            case WRONG_CHAIN -> {
                d.put("expected", chain.chainId());
                yield new RpcException(ErrorCode.WRONG_CHAIN, r.reason(), d);
            }
            case NONCE_TOO_LOW -> {
                d.put("accountNonce", Long.toString(r.accountNonce()));
                yield new RpcException(ErrorCode.NONCE_TOO_LOW, r.reason(), d);
            }
            case NONCE_GAP -> {
                d.put("accountNonce", Long.toString(r.accountNonce()));
                yield new RpcException(ErrorCode.NONCE_GAP, r.reason(), d);
            }
            case NONCE_TAKEN -> new RpcException(ErrorCode.ALREADY_KNOWN, r.reason());
            case INVALID_SIGNATURE -> new RpcException(ErrorCode.INVALID_SIGNATURE, r.reason());
            case MEMPOOL_FULL, UNAVAILABLE -> new RpcException(ErrorCode.MEMPOOL_FULL, r.reason());
        };
    }
}
