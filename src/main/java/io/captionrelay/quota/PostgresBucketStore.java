package io.captionrelay.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import javax.sql.DataSource;

/**
 * Buckets kept in PostgreSQL (table {@code relay_quota_bucket}), so that every instance sharing a key
 * draws from the same quota. Each consumption is one short SELECT … FOR UPDATE transaction.
 */
public final class PostgresBucketStore implements BucketStore {

    private final ProxyManager<String> proxies;

    public PostgresBucketStore(DataSource dataSource) {
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("relay_quota_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
    }

    @Override
    public Bucket bucket(String name, BucketConfiguration configuration) {
        return proxies.builder().build(name, () -> configuration);
    }
}
