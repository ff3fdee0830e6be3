"""Model routing: send each request to the cheapest model tier that can handle it, with the cost estimated up front."""
from model_router.classifier import CLASSIFIER_SYSTEM, LLMClassifier
from model_router.features import assess
from model_router.requests import LEVELS, Assessment, Request, Route, count_tokens
from model_router.router import TIERS, RoutedClient, Routed, Router

__all__ = ["LEVELS", "Request", "Assessment", "Route", "count_tokens", "assess", "CLASSIFIER_SYSTEM",
           "LLMClassifier", "TIERS", "Router", "RoutedClient", "Routed"]
