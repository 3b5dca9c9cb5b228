package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void serverPropertiesDescribeASingleNodeKraftBrokerOnTheGivenPorts() throws IOException {
        Path data = Path.of("/tmp/crm test/.crm/data/kafka");
        Properties config = new Properties();
        config.load(new StringReader(KafkaBroker.serverProperties(data, 29092, 29093, 3)));

        assertEquals("broker,controller", config.getProperty("process.roles"));
        assertEquals("1", config.getProperty("node.id"));
        assertEquals("127.0.0.1:29093", config.getProperty("controller.quorum.bootstrap.servers"));
        assertEquals("PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093", config.getProperty("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:29092", config.getProperty("advertised.listeners"));
        assertEquals("CONTROLLER", config.getProperty("controller.listener.names"));
        assertEquals("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", config.getProperty("listener.security.protocol.map"));
        assertEquals(data.toString(), config.getProperty("log.dirs"));
        assertEquals("3", config.getProperty("num.partitions"));
        assertEquals("1", config.getProperty("offsets.topic.replication.factor"));
        assertEquals("1", config.getProperty("transaction.state.log.replication.factor"));
        assertEquals("1", config.getProperty("transaction.state.log.min.isr"));
        assertEquals("1", config.getProperty("share.coordinator.state.topic.replication.factor"));
        assertEquals("1", config.getProperty("share.coordinator.state.topic.min.isr"));
        assertEquals("0", config.getProperty("group.initial.rebalance.delay.ms"));
    }
}
