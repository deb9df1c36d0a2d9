"""The public SPARQL endpoint without the web: what it accepts (guard), one request from query to bytes
(protocol, answers), and the killable worker processes that run it under a deadline (workers)."""
