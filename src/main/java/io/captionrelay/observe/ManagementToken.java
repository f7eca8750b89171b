package io.captionrelay.observe;

import io.vertx.core.Future;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Puts the management server ({@code camel.management.*}: health, metrics) behind a static bearer token
 * ({@code relay.management.token}): a request without {@code Authorization: Bearer <token>} gets 401. Camel's own
 * options offer basic authentication from a users file and JWT from a keystore, nothing for one static token, so
 * this adds a Vert.x {@link SimpleAuthenticationHandler} through Camel's authentication configuration for every
 * path of that server, before the server starts.
 */
public final class ManagementToken {

    private final byte[] expected;

    private ManagementToken(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Protects the management server of {@code context} (once Camel Main adds it) with {@code token}. */
    public static void protect(CamelContext context, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("relay.management.token is empty");
        }
        ManagementToken check = new ManagementToken(token.strip());
        ManagementHttpServer existing = context.hasService(ManagementHttpServer.class);
        if (existing != null) {
            check.guard(existing);
            return;
        }
        context.getLifecycleStrategies().add(new LifecycleStrategySupport() {
            @Override
            public void onServiceAdd(CamelContext camelContext, Service service, org.apache.camel.Route route) {
                if (service instanceof ManagementHttpServer server) {
                    check.guard(server);
                }
            }
        });
    }

    private void guard(ManagementHttpServer server) {
        AuthenticationConfig auth = server.getConfiguration().getAuthenticationConfig();
        AuthenticationConfigEntry everything = new AuthenticationConfigEntry();
        everything.setPath("/*");
        everything.setAuthenticationProviderFactory(vertx -> null); // the handler checks the token itself
        everything.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> io.vertx.ext.web.handler.AuthenticationHandler
                    createAuthenticationHandler(T unused) {
                return SimpleAuthenticationHandler.create().authenticate(request -> {
                    String given = request.request().getHeader("Authorization");
                    return given != null && MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.UTF_8))
                            ? Future.succeededFuture(User.fromName("management"))
                            : Future.failedFuture(new HttpException(401));
                });
            }
        });
        auth.getEntries().add(everything);
        auth.setEnabled(true);
    }
}
