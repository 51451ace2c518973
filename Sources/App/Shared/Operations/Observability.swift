import Metrics
import Prometheus

/// The process-wide metrics registry. swift-metrics can be bootstrapped once per process, so it
/// happens here, lazily, the first time the app is built (tests build many apps in one process).
public enum Observability {
    public static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped: Bool = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }()

    public static func bootstrap() { _ = bootstrapped }
}
