# HTTPS on the user's own domain: the environment's elasticbeanstalk.com name can never match a certificate.
# With domain_name set: a DNS-validated ACM certificate (unless certificate_arn brings one), an alias record
# to the environment's load balancer, a 443 listener (beanstalk.tf) and a permanent redirect from port 80.

resource "aws_acm_certificate" "this" {
  count = local.https && var.certificate_arn == "" ? 1 : 0

  domain_name       = var.domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# One domain, one validation record; counted, so the plan knows it before ACM answers.
resource "aws_route53_record" "certificate_validation" {
  count = length(aws_acm_certificate.this)

  zone_id         = var.hosted_zone_id
  name            = one(aws_acm_certificate.this[0].domain_validation_options).resource_record_name
  type            = one(aws_acm_certificate.this[0].domain_validation_options).resource_record_type
  records         = [one(aws_acm_certificate.this[0].domain_validation_options).resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

# Waits until ACM has issued the certificate, so the listener never gets a pending one.
resource "aws_acm_certificate_validation" "this" {
  count = length(aws_acm_certificate.this)

  certificate_arn         = aws_acm_certificate.this[0].arn
  validation_record_fqdns = aws_route53_record.certificate_validation[*].fqdn
}

# The load balancer Beanstalk created for the environment: the alias target, the listener with the
# redirect, and the dimensions of the alarms (monitoring.tf).
data "aws_lb" "this" {
  arn = aws_elastic_beanstalk_environment.this.load_balancers[0]
}

data "aws_lb_listener" "http" {
  load_balancer_arn = data.aws_lb.this.arn
  port              = 80
}

resource "aws_route53_record" "service" {
  count = local.https ? 1 : 0

  zone_id = var.hosted_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = data.aws_lb.this.dns_name
    zone_id                = data.aws_lb.this.zone_id
    evaluate_target_health = true
  }
}

# Beanstalk's option settings cannot make port 80 redirect, so the rule goes on the listener it created.
resource "aws_lb_listener_rule" "redirect_http_to_https" {
  count = local.https ? 1 : 0

  listener_arn = data.aws_lb_listener.http.arn
  priority     = 1

  action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }

  condition {
    path_pattern {
      values = ["/*"]
    }
  }
}
