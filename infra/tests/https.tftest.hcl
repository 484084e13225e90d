mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  image          = "docker.io/octo-org/simpletimeservice:1.0.0"
  domain_name    = "time.example.com"
  hosted_zone_id = "Z0123456789ABCDEFGHIJ"
}

run "https_on_the_domain_with_an_issued_certificate" {
  command = apply

  assert {
    condition     = aws_acm_certificate.this[0].domain_name == "time.example.com" && aws_acm_certificate.this[0].validation_method == "DNS"
    error_message = "ACM should issue a DNS-validated certificate for the domain."
  }

  assert {
    condition     = aws_route53_record.certificate_validation[0].zone_id == var.hosted_zone_id && aws_route53_record.certificate_validation[0].name == "_abc.time.example.com." && aws_route53_record.certificate_validation[0].records == toset(["_def.acm-validations.aws."]) && aws_acm_certificate_validation.this[0].validation_record_fqdns == toset([aws_route53_record.certificate_validation[0].fqdn])
    error_message = "The validation record ACM asks for should go into the hosted zone, and the listener wait for validation."
  }

  assert {
    condition     = local.settings["aws:elbv2:listener:443/Protocol"] == "HTTPS" && local.settings["aws:elbv2:listener:443/SSLCertificateArns"] == aws_acm_certificate_validation.this[0].certificate_arn
    error_message = "A 443 HTTPS listener should use the validated certificate."
  }

  assert {
    condition     = startswith(local.settings["aws:elbv2:listener:443/SSLPolicy"], "ELBSecurityPolicy-TLS13-")
    error_message = "The HTTPS listener should use a TLS 1.3 policy."
  }

  assert {
    condition     = aws_route53_record.service[0].name == "time.example.com" && aws_route53_record.service[0].type == "A" && one(aws_route53_record.service[0].alias).name == data.aws_lb.this.dns_name && one(aws_route53_record.service[0].alias).zone_id == data.aws_lb.this.zone_id
    error_message = "The domain should be an alias of the environment's load balancer."
  }

  assert {
    condition     = one(aws_lb_listener_rule.redirect_http_to_https[0].action).redirect[0].protocol == "HTTPS" && one(aws_lb_listener_rule.redirect_http_to_https[0].action).redirect[0].port == "443" && one(aws_lb_listener_rule.redirect_http_to_https[0].action).redirect[0].status_code == "HTTP_301"
    error_message = "Port 80 should redirect to HTTPS permanently."
  }

  assert {
    condition     = aws_lb_listener_rule.redirect_http_to_https[0].listener_arn == data.aws_lb_listener.http.arn && data.aws_lb_listener.http.port == 80 && data.aws_lb_listener.http.load_balancer_arn == aws_elastic_beanstalk_environment.this.load_balancers[0]
    error_message = "The redirect belongs on the port 80 listener of the environment's load balancer."
  }

  assert {
    condition     = keys(aws_vpc_security_group_ingress_rule.load_balancer) == ["443", "80"]
    error_message = "With a domain the load balancer should open ports 80 and 443."
  }

  assert {
    condition     = output.url == "https://time.example.com"
    error_message = "The URL (and so the smoke test) should use the domain over HTTPS."
  }
}

run "an_existing_certificate_is_used_as_it_is" {
  command = plan

  variables {
    certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
  }

  assert {
    condition     = length(aws_acm_certificate.this) == 0 && length(aws_route53_record.certificate_validation) == 0 && local.settings["aws:elbv2:listener:443/SSLCertificateArns"] == var.certificate_arn
    error_message = "A given certificate should go on the listener without requesting another."
  }

  assert {
    condition     = length(aws_route53_record.service) == 1 && output.url == "https://time.example.com"
    error_message = "The domain should still get its alias record and be the URL."
  }
}
