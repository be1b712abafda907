/** Small text helpers every module shares (quoting client input in messages). */
package com.logprocessor.core.text;
