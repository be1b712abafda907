package com.logprocessor.storage.membership;

import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.MembershipStore;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingLifecycler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The node's place in the ring: it registers with its id and URL, heartbeats, and leaves on
 * graceful shutdown (see {@link RingLifecycler}). Present whenever ring membership is on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ring.membership.enabled", havingValue = "true", matchIfMissing = true)
class NodeMembershipConfiguration {

    @Bean
    RingLifecycler ringLifecycler(MembershipStore store, MembershipProperties membership, ReplicationProperties replication,
                                  StorageNodeProperties node, WebServerApplicationContext context, Environment environment,
                                  Clock clock) {
        return new RingLifecycler(store, membership, replication.factor(), node.id(),
                () -> node.advertisedUrl() != null ? stripSlash(node.advertisedUrl().toString())
                        : "http://" + host(environment) + ":" + context.getWebServer().getPort(),
                clock);
    }

    private static String host(Environment environment) {
        String address = environment.getProperty("server.address");
        if (address != null && !address.isBlank() && !address.equals("0.0.0.0") && !address.equals("::")) {
            return address;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
