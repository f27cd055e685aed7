import ArgumentParser
import GRDB
import Crypto
import Yams
print("x")
