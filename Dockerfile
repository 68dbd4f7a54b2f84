# A Tally node image: the multi-host starting point (see docs/operations.md).
# Build:  docker build -t tally-node .
# Run:    docker run -v /srv/tally/node0:/data tally-node run --config /data/node.json
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl node,genesis,wallet-cli -am

FROM eclipse-temurin:17-jre
RUN useradd --system --home /data --shell /usr/sbin/nologin tally && mkdir -p /data && chown tally /data
COPY --from=build /src/node/target/tally-node.jar /opt/tally/tally-node.jar
COPY --from=build /src/genesis/target/genesis.jar /opt/tally/genesis.jar
COPY --from=build /src/wallet-cli/target/tally-wallet.jar /opt/tally/tally-wallet.jar
USER tally
WORKDIR /data
# p2p and JSON-RPC (the ports genesis assigns by default)
EXPOSE 26656 8545
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx1g", "-jar", "/opt/tally/tally-node.jar"]
CMD ["--help"]
