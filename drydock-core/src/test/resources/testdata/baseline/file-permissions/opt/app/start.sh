#!/bin/sh
exec /opt/app/bin/server
