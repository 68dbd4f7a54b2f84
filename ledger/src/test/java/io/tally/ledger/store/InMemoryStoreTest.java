package io.tally.ledger.store;

class InMemoryStoreTest extends KvStoreContract {
    @Override
    protected KvStore openFresh() {
        return new InMemoryStore();
    }

    @Override
    protected KvStore reopen(KvStore store) {
        return null;
    }
}
