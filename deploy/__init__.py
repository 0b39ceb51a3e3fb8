"""Deployment: nginx configuration and a local throwaway cluster (`make cluster`)."""
