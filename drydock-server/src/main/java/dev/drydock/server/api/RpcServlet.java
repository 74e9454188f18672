package dev.drydock.server.api;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Serves the RPC endpoint as a plain servlet mapped to exactly the context root ({@code ""} in
 * servlet mapping terms, i.e. {@code /}), next to Spring MVC's dispatcher, which keeps everything
 * else ({@code /actuator/…}). One endpoint that reads the raw request itself and writes bytes
 * needs none of MVC's handler mapping, argument resolution or message conversion, which cost more
 * per call than the call's own JSON. Filters (metrics, tracing) still wrap it; the metrics see the
 * path pattern {@code /}. Methods other than GET and POST (and HEAD) get the servlet's 405.
 */
final class RpcServlet extends HttpServlet {

  private static final String JSON_UTF8 = "application/json;charset=utf-8";
  private final transient RpcController controller;

  RpcServlet(RpcController controller) {
    this.controller = controller;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    answer(req, resp);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    answer(req, resp);
  }

  private void answer(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ServerHttpObservationFilter.findObservationContext(req).ifPresent(c -> c.setPathPattern("/"));
    RpcController.Answer a = controller.call(req);
    resp.setStatus(a.status());
    resp.setContentType(JSON_UTF8);
    resp.setContentLength(a.body().length);
    resp.getOutputStream().write(a.body());
  }

  /** Registers the servlet for the context root. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    ServletRegistrationBean<RpcServlet> rpcServlet(RpcController controller) {
      ServletRegistrationBean<RpcServlet> bean = new ServletRegistrationBean<>(new RpcServlet(controller), "");
      bean.setName("rpc");
      bean.setLoadOnStartup(1);
      return bean;
    }
  }
}
