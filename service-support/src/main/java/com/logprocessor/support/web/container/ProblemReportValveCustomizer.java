package com.logprocessor.support.web.container;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemReportValve} where Tomcat's {@link ErrorReportValve} was. Spring Boot adds
 * its own report valve to the host from a context customizer; this one runs last (lowest
 * precedence, so its context customizer is added after Boot's) and swaps it, and names the class
 * on the host so Tomcat does not add its default one back when the host starts.
 */
public class ProblemReportValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
        Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> install(context.getParent()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static void install(Container host) {
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(ProblemReportValve.class.getName());
        }
        pipeline.addValve(new ProblemReportValve());
    }
}
