// libaligncv: everything a C++ program needs. Open an Engine and call its operations.
#pragma once

#include <aligncv/auth.hpp>
#include <aligncv/clock.hpp>
#include <aligncv/document.hpp>
#include <aligncv/engine.hpp>
#include <aligncv/error.hpp>
#include <aligncv/json.hpp>
#include <aligncv/log.hpp>
#include <aligncv/notify.hpp>
#include <aligncv/options.hpp>
#include <aligncv/resume.hpp>
#include <aligncv/taxonomy.hpp>
#include <aligncv/version.hpp>
